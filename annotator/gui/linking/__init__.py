"""Events, arguments, relations and stances: the link controller and its commands, the state it keeps of the open document, the arrows drawn over the text and the span picker."""
