"""Start an IPython kernel with limits and a warm scientific stack.

Run as a script by `sandbox` instead of ``python -m ipykernel_launcher``: it caps the address
space (so a 20 GB allocation raises MemoryError instead of taking the machine), turns on
faulthandler (so a segfault leaves a trace), imports the week's preload modules before the
kernel starts (so learner imports are cache hits), and loads the engine's kernel-side modules
under private names. Then it hands over to ipykernel exactly as ``ipykernel_launcher`` does.

Usage: _launch.py MEMORY_MB PRELOAD(comma list) CRASH_LOG -- <ipykernel arguments>
"""

import faulthandler
import importlib.util
import os
import resource
import sys


def _load(name: str, path: str) -> None:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[0] = ""  # as with `python -m`: the kernel's cwd, not the engine folder
    memory_mb, preload, crash_log, _, *kernel_args = sys.argv[1:]
    if int(memory_mb) > 0:
        limit = int(memory_mb) << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    faulthandler.enable(file=open(crash_log, "w"), all_threads=False)  # noqa: SIM115
    for name in filter(None, preload.split(",")):
        try:
            importlib.import_module(name)
        except Exception:  # a missing optional module only costs speed
            continue
    for name in ("protocol", "codec", "_kernel_side"):
        alias = "_mlpath_kernel" if name == "_kernel_side" else f"_mlpath_{name}"
        _load(alias, os.path.join(here, f"{name}.py"))
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argv=kernel_args)


if __name__ == "__main__":
    main()
