"""The ground floor: the model, dates, text, problems, addresses and the data contract,
shared by every wing and importing none of them."""
