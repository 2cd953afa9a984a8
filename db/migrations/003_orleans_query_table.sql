-- Orleans' ADO.NET providers read their SQL from this table at start-up (see orleans-adonet-contract.md).
-- The names orleansquery / querykey / querytext are fixed by Orleans and must stay unquoted lower case.
CREATE TABLE orleansquery (
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);
