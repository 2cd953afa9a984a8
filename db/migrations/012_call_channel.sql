-- A call from a browser (the console's softphone, or Twilio's Voice JavaScript SDK) is recorded and listed like any
-- other, marked by its channel.

ALTER TABLE calls ADD COLUMN channel text NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'browser'));
