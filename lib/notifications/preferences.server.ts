import "server-only";
import { db } from "@/lib/db/db.server";
import { preferencesOf } from "./preferences";

export const notificationPreferences = (email: string) => preferencesOf(db, email);
