namespace VoiceGrains.Data.Campaigns;

/// <summary>
/// How a campaign may call. The defaults are the common ones: 9:00–20:00 in the callee's local time, five calls at
/// once, one call a second (a Twilio account's default rate for creating calls:
/// https://help.twilio.com/articles/223180028), three attempts an hour apart (doubling), and a retry later when a
/// machine answers. <see cref="Problem"/> says what is wrong before anything is stored (the table's CHECKs agree).
/// </summary>
public sealed record CampaignRules
{
    public TimeOnly WindowStart { get; init; } = new(9, 0);

    public TimeOnly WindowEnd { get; init; } = new(20, 0);

    /// <summary>The callees' zone when their contact gives none (an IANA id, e.g. America/New_York); null: the business's.</summary>
    public string? TimeZone { get; init; }

    public int MaxConcurrent { get; init; } = 5;

    public double CallsPerSecond { get; init; } = 1;

    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the second attempt; each later one waits twice as long as the one before.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Said to an answering machine, after which the contact counts as reached by voicemail; null: try again later.</summary>
    public string? MachineMessage { get; init; }

    public const int MaxMachineMessage = 300;

    /// <summary>No call before this instant, however early the campaign is started; null: as soon as it is.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>
    /// Reminder campaigns only: the campaign follows the appointment book, and each booked appointment that starts
    /// within this interval becomes a contact (once), called about that appointment. Null: only imported contacts.
    /// </summary>
    public TimeSpan? RemindBefore { get; init; }

    /// <summary>With <see cref="RemindBefore"/>: each appointment taken on is also texted a reminder, besides the call.</summary>
    public bool TextReminders { get; init; }

    /// <summary>What is wrong with these rules, in words for the operator; null when they can be used.</summary>
    public string? Problem()
    {
        if (WindowEnd <= WindowStart)
        {
            return "The calling window must end after it starts (e.g. 09:00 to 20:00).";
        }
        if (TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            return $"'{TimeZone}' is not a time zone (use an IANA id such as America/New_York).";
        }
        if (MaxConcurrent is < 1 or > 100)
        {
            return "maxConcurrent must be between 1 and 100.";
        }
        if (!(CallsPerSecond > 0 && CallsPerSecond <= 10))
        {
            return "callsPerSecond must be above 0 and at most 10.";
        }
        if (MaxAttempts is < 1 or > 10)
        {
            return "maxAttempts must be between 1 and 10.";
        }
        if (RetryAfter < TimeSpan.FromMinutes(1) || RetryAfter > TimeSpan.FromDays(7))
        {
            return "retryAfter must be between 1 minute and 7 days.";
        }
        if (MachineMessage is not null && (string.IsNullOrWhiteSpace(MachineMessage) || MachineMessage.Length > MaxMachineMessage))
        {
            return $"machineMessage, when given, must be 1 to {MaxMachineMessage} characters.";
        }
        if (RemindBefore is { } before && (before < TimeSpan.FromHours(1) || before > TimeSpan.FromDays(14)))
        {
            return "remindBefore must be between 1 hour and 14 days.";
        }
        if (TextReminders && RemindBefore is null)
        {
            return "textReminders needs remindBefore: the texts go with the appointment book's reminders.";
        }
        return null;
    }

    /// <summary>When the attempt after attempt number <paramref name="attempt"/> may be made.</summary>
    public DateTimeOffset RetryTime(DateTimeOffset endedAt, int attempt) =>
        endedAt + RetryAfter * Math.Pow(2, Math.Max(0, attempt - 1));
}
