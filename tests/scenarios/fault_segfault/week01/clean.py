import ctypes


def total_charges_as_float(raw):
    return ctypes.string_at(0)  # reads address 0: segmentation fault
