import sys


def total_charges_as_float(raw):
    sys.exit("bad data")
