-- A one-time code texted to the customer's number on file: the second factor a caller can give before changes.
ALTER TABLE text_messages DROP CONSTRAINT text_messages_reason_check;
ALTER TABLE text_messages ADD CONSTRAINT text_messages_reason_check
    CHECK (reason IN ('appointment_booked', 'appointment_moved', 'appointment_cancelled', 'appointment_reminder', 'verification_code'));
