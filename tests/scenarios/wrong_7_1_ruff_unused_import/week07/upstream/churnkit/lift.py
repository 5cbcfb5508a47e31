# scenario: patch
import os
