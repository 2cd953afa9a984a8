-- Call outcomes have one spelling, snake case (CallOutcome in the contracts): the silence watchdog used to store
-- "no answer" while Twilio's status callbacks stored "no_answer" for the same thing.

UPDATE calls SET outcome = 'no_answer' WHERE outcome = 'no answer';
