import os


def total_charges_as_float(raw):
    os._exit(1)
