// The business-day rule lives in contracts: the web apps count days the same way (live filters).
export { dayIn, instantIn, isTimeZone, startOfDayIn, startOfNextDayIn } from "@crm/contracts/src/business-day";
