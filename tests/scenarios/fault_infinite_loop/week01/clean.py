def total_charges_as_float(raw):
    total = 0
    while True:  # forgot to advance
        total += 1
