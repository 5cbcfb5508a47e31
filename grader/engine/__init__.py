"""The grading engine: sandboxed kernels, data-only transfer, milestones, reports.

Judge-side modules never import learner code; `_kernel_side` is the only module that
runs inside the sandbox kernel, and it imports only `codec` and `protocol`.
"""
