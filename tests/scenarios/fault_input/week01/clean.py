def total_charges_as_float(raw):
    answer = input("Replace blanks with what? ")
    return raw["TotalCharges"].replace(" ", answer).astype(float)
