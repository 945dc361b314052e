"""The side panels around the text: documents, annotations, guidelines, document labels and problems, events and relations, stances, the attribute editor, and the Qt table models they show."""
