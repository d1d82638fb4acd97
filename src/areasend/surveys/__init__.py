"""The three inspection surveys: children and young people, parents and carers, practitioners."""
