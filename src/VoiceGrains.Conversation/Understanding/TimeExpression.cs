using VoiceGrains.Conversation.Functions;

namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// When a caller means: a range of local dates (one day when <see cref="From"/> equals <see cref="To"/>), a part of
/// the day, a clock time. Any part may be missing: "in the afternoon" has no date, "next Tuesday" no time.
/// </summary>
public sealed record TimeExpression(DateOnly? From, DateOnly? To, PartOfDay PartOfDay, TimeOnly? At)
{
    public bool IsEmpty => From is null && PartOfDay == PartOfDay.Any && At is null;
}
