namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// What the offline engine knows of the call's survey: how many questions it has, whether it qualifies the callee as a
/// lead (rather than asking their opinion), and whether it is why we called (a survey or qualification campaign: it
/// starts when the callee has time) or offered at the end of an inbound call. The questions themselves come from the
/// survey functions, one at a time.
/// </summary>
public sealed record SurveyPlan(int Questions, bool Qualifies, bool IsCallReason);
