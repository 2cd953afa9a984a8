-- A caller's turn also keeps its end-of-turn wait: from the end of the caller's voice to the VAD's decision that they
-- had finished (TurnLatency.EndOfTurnMs), the first segment of the console's timing bar.

ALTER TABLE call_turns ADD COLUMN end_of_turn_ms integer;
