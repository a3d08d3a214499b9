// Importing guests into the book from CSV, with a report per refused line.
import { randomUUID } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import type { Actor } from "../../auth/actor";
import { assertKeepsGuestBook } from "../../auth/policy";
import type { Db } from "../../db/client";
import { AppError, fieldErrors, type FieldError } from "../../errors";
import { foldText, fullNameOf, guestSearchText } from "./normalize";
import { ownGroupIds, unique } from "./ownership";
import { ZGuestRow, type ImportReport, type TImportGuestsInput } from "./schema";

/** Columns an import understands, by their header folded to letters and digits. */
const CSV_COLUMNS: Record<string, "firstName" | "lastName" | "fullName" | "email" | "phoneNumber"> = {
  firstname: "firstName",
  givenname: "firstName",
  forename: "firstName",
  first: "firstName",
  lastname: "lastName",
  surname: "lastName",
  familyname: "lastName",
  last: "lastName",
  name: "fullName",
  fullname: "fullName",
  email: "email",
  emailaddress: "email",
  mail: "email",
  phone: "phoneNumber",
  phonenumber: "phoneNumber",
  mobile: "phoneNumber",
  mobilenumber: "phoneNumber",
  mobilephone: "phoneNumber",
  cell: "phoneNumber",
  tel: "phoneNumber",
  telephone: "phoneNumber",
};

const MAX_IMPORT_ROWS = 10_000;

type CsvRecord = Partial<Record<"firstName" | "lastName" | "fullName" | "email" | "phoneNumber", string>>;

/**
 * Imports guests from CSV text: a header row (`firstName,lastName,email,phoneNumber`; common
 * variants such as "First name", "Surname", "E-mail", "Mobile" work, and a single "Name"
 * column is split at its first space), then one guest per row. Rows are checked with the
 * same rules as POST /product-event/guests; a row is refused, with its line and the reason,
 * when it is invalid, cannot be parsed, or has the email or phone number of a guest already
 * in the book or of an earlier row. The other rows are created together in one transaction.
 */
export async function importGuestsCsv(db: Db, actor: Actor, input: TImportGuestsInput): Promise<ImportReport> {
  assertKeepsGuestBook(actor);
  const groupIds = await ownGroupIds(db, actor.userId, input.groupIds ?? []);
  const refused: ImportReport["refused"] = [];
  const ignoredColumns: string[] = [];
  // The understood columns, learnt from the header row.
  const header = new Set<string>();

  let records: { record: CsvRecord; info: { lines: number } }[];
  try {
    records = parse<{ record: CsvRecord; info: { lines: number } }>(input.csv, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) refused.push({ line: Number(error.lines), reason: `unreadable row: ${error.message}`, errors: [] });
        return undefined;
      },
      columns: (names: string[]) =>
        names.map((raw) => {
          const column = CSV_COLUMNS[foldText(raw).replace(/[^a-z0-9]/g, "")];
          // Unknown columns, and a second column for the same field, are left out.
          if (!column || header.has(column)) {
            ignoredColumns.push(raw);
            return false;
          }
          header.add(column);
          return column;
        }),
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new AppError("INVALID_INPUT", `The CSV cannot be read: ${error.message}`, {
        errors: [{ path: "csv", message: error.message }],
      });
    }
    throw error;
  }
  if (records.length > MAX_IMPORT_ROWS) {
    throw new AppError("INVALID_INPUT", `An import may hold at most ${MAX_IMPORT_ROWS} rows (got ${records.length})`, {
      errors: [{ path: "csv", message: `has more than ${MAX_IMPORT_ROWS} rows` }],
    });
  }
  const hasNames = (header.has("firstName") && header.has("lastName")) || header.has("fullName");
  if (!hasNames) {
    const message = "needs a header row with firstName and lastName columns (or one Name column)";
    throw new AppError("INVALID_INPUT", `The CSV ${message}`, { errors: [{ path: "csv", message }] });
  }

  type Candidate = { line: number; firstName: string; lastName: string; email?: string; phoneNumber?: string };
  const candidates: Candidate[] = [];
  for (const { record, info } of records) {
    const values = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== "")) as CsvRecord;
    if (Object.keys(values).length === 0) continue; // a row of empty cells
    let { firstName, lastName } = values;
    if (!firstName && !lastName && values.fullName) {
      const [first, ...rest] = values.fullName.split(/\s+/);
      firstName = first;
      lastName = rest.join(" ");
    }
    const parsed = ZGuestRow.safeParse({
      firstName: firstName ?? "",
      lastName: lastName ?? "",
      ...(values.email ? { email: values.email } : {}),
      ...(values.phoneNumber ? { phoneNumber: values.phoneNumber } : {}),
      ...(input.defaultCountry ? { defaultCountry: input.defaultCountry } : {}),
    });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues);
      refused.push({ line: info.lines, reason: errors.map((e) => `${e.path} ${e.message}`).join("; "), errors });
      continue;
    }
    candidates.push({ line: info.lines, ...parsed.data });
  }

  // Duplicates of the book (by email or phone) and of earlier rows.
  const emails = unique(candidates.flatMap((c) => (c.email ? [c.email] : [])));
  const phones = unique(candidates.flatMap((c) => (c.phoneNumber ? [c.phoneNumber] : [])));
  const existing =
    emails.length + phones.length > 0
      ? await db.eventGuest.findMany({
          where: {
            userId: actor.userId,
            deletedAt: null,
            OR: [{ email: { in: emails } }, { phoneNumber: { in: phones } }],
          },
          select: { fullName: true, email: true, phoneNumber: true },
        })
      : [];
  const seenEmail = new Map<string, string>(existing.flatMap((g) => (g.email ? [[g.email, `${g.fullName} in your guest book`]] : [])));
  const seenPhone = new Map<string, string>(existing.flatMap((g) => (g.phoneNumber ? [[g.phoneNumber, `${g.fullName} in your guest book`]] : [])));
  const accepted: (Candidate & { id: string; fullName: string })[] = [];
  for (const candidate of candidates) {
    const errors: FieldError[] = [];
    const emailOwner = candidate.email ? seenEmail.get(candidate.email) : undefined;
    const phoneOwner = candidate.phoneNumber ? seenPhone.get(candidate.phoneNumber) : undefined;
    if (emailOwner) errors.push({ path: "email", message: `is already used by ${emailOwner}` });
    if (phoneOwner) errors.push({ path: "phoneNumber", message: `is already used by ${phoneOwner}` });
    if (errors.length > 0) {
      refused.push({ line: candidate.line, reason: `duplicate: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, errors });
      continue;
    }
    if (candidate.email) seenEmail.set(candidate.email, `line ${candidate.line}`);
    if (candidate.phoneNumber) seenPhone.set(candidate.phoneNumber, `line ${candidate.line}`);
    accepted.push({ ...candidate, id: randomUUID(), fullName: fullNameOf(candidate.firstName, candidate.lastName) });
  }

  if (accepted.length > 0) {
    await db.$transaction(async (tx) => {
      await tx.eventGuest.createMany({
        data: accepted.map((g) => ({
          id: g.id,
          userId: actor.userId,
          firstName: g.firstName,
          lastName: g.lastName,
          fullName: g.fullName,
          email: g.email ?? null,
          phoneNumber: g.phoneNumber ?? null,
          searchText: guestSearchText(g),
        })),
      });
      if (groupIds.length > 0) {
        await tx.eventGuestToGroup.createMany({
          data: accepted.flatMap((g) => groupIds.map((groupId) => ({ guestId: g.id, groupId }))),
        });
      }
    });
  }
  refused.sort((a, b) => a.line - b.line);
  return {
    created: accepted.map((g) => ({ line: g.line, guestId: g.id, fullName: g.fullName })),
    refused,
    ignoredColumns,
  };
}
