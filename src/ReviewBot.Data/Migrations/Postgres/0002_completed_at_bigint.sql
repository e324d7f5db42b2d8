-- completed_at holds Unix milliseconds like every other timestamp column; INTEGER (32-bit) overflowed on the first
-- completed review.
ALTER TABLE reviews ALTER COLUMN completed_at TYPE BIGINT;
