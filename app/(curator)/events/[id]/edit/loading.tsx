// The editor looks the same while it loads, whether it creates or edits an event.
export { default } from "../../new/loading";
