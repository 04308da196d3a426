"""Every change of identity state goes through a function here: keyword ``actor``,
one transaction, an audit record, e-mail only after commit."""
