// The automatic mails an event's guests get besides their ticket (DESIGN.md "Talking to guests").
export type EventNoticeKind = "REMINDER" | "LOCATION" | "CANCELED" | "CHANGED";
