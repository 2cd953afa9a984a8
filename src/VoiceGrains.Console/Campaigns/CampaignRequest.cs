using System.Globalization;
using VoiceGrains.Data.Campaigns;

namespace VoiceGrains.Console.Campaigns;

/// <summary>
/// The body of <c>POST /api/campaigns</c>: the campaign and, optionally, its first contacts. Rules left out take
/// <see cref="CampaignRules"/>' defaults; the window is "HH:mm" in each callee's local time. A reminder campaign with
/// <c>remindBeforeHours</c> follows the appointment book instead of (or besides) a contact list.
/// </summary>
public sealed record CampaignRequest(
    string? Name, CampaignKind? Kind, string? Purpose, string? WindowStart = null, string? WindowEnd = null, string? TimeZone = null,
    int? MaxConcurrent = null, double? CallsPerSecond = null, int? MaxAttempts = null, int? RetryAfterMinutes = null,
    string? MachineMessage = null, IReadOnlyList<NewContact>? Contacts = null, int? RemindBeforeHours = null, DateTimeOffset? StartAt = null,
    long? SurveyId = null, bool TextReminders = false)
{
    /// <summary>The definition asked for, or what is wrong with the request in words for the operator.</summary>
    public (CampaignDefinition? Definition, string? Problem) ToDefinition()
    {
        var defaults = new CampaignRules();
        if (!TryTime(WindowStart, defaults.WindowStart, out var start) || !TryTime(WindowEnd, defaults.WindowEnd, out var end))
        {
            return (null, "windowStart and windowEnd are times of day as HH:mm, e.g. 09:00 and 20:00.");
        }
        if (Kind is null)
        {
            return (null, "kind is required: reminder, survey, lead_qualification or custom.");
        }
        var rules = new CampaignRules
        {
            WindowStart = start,
            WindowEnd = end,
            TimeZone = string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim(),
            MaxConcurrent = MaxConcurrent ?? defaults.MaxConcurrent,
            CallsPerSecond = CallsPerSecond ?? defaults.CallsPerSecond,
            MaxAttempts = MaxAttempts ?? defaults.MaxAttempts,
            RetryAfter = RetryAfterMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : defaults.RetryAfter,
            MachineMessage = MachineMessage,
            RemindBefore = RemindBeforeHours is { } hours ? TimeSpan.FromHours(hours) : null,
            StartAt = StartAt,
            TextReminders = TextReminders,
        };
        var definition = new CampaignDefinition(Name ?? "", Kind.Value, Purpose ?? "", rules, SurveyId);
        return definition.Problem() is { } problem ? (null, problem) : (definition, null);
    }

    static bool TryTime(string? text, TimeOnly fallback, out TimeOnly time)
    {
        time = fallback;
        return string.IsNullOrWhiteSpace(text)
            || TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
