/** Spark's CalendarInterval: months, days and microseconds kept apart (a month has no fixed length). */
export class CalendarInterval {
  constructor(readonly months: number, readonly days: number, readonly micros: number) {}
}
