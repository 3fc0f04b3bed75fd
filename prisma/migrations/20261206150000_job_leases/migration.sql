-- CreateTable
CREATE TABLE "JobLease" (
    "job" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "holder" TEXT,
    "leasedUntil" TIMESTAMPTZ(3) NOT NULL DEFAULT '-infinity'::timestamptz,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("job","key")
);

-- CreateIndex
CREATE INDEX "JobLease_job_leasedUntil_idx" ON "JobLease"("job", "leasedUntil");
