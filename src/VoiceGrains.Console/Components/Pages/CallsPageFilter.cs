using VoiceGrains.Data.Calls;

namespace VoiceGrains.Console.Components.Pages;

/// <summary>The calls page's search form; days are the business's, turned into moments in its time zone.</summary>
sealed class CallsPageFilter
{
    /// <summary>Sentiment bands: below this is negative, above its opposite positive.</summary>
    const float Neutral = 0.2f;

    public DateOnly? FromDay { get; set; }

    public DateOnly? ToDay { get; set; }

    public string Outcome { get; set; } = "";

    public string Direction { get; set; } = "";

    public long? CustomerId { get; set; }

    public string Intent { get; set; } = "";

    public string Sentiment { get; set; } = "";

    public string Csat { get; set; } = "";

    public bool ActiveOnly { get; set; }

    /// <summary>The filter, with each day's start as <paramref name="startOf"/> says (the business calendar's midnight).</summary>
    public CallFilter ToFilter(Func<DateOnly, DateTimeOffset> startOf) => new()
    {
        ActiveOnly = ActiveOnly,
        From = FromDay is { } from ? startOf(from) : null,
        To = ToDay is { } to ? startOf(to.AddDays(1)) : null,
        Outcome = Outcome.Length > 0 ? Outcome : null,
        Direction = Direction.Length > 0 ? Direction : null,
        CustomerId = CustomerId,
        Intent = string.IsNullOrWhiteSpace(Intent) ? null : Intent.Trim(),
        MinSentiment = Sentiment switch { "positive" => Neutral, "neutral" => -Neutral, _ => null },
        MaxSentiment = Sentiment switch { "negative" => -Neutral, "neutral" => Neutral, _ => null },
        Csat = int.TryParse(Csat, out var csat) ? csat : null,
    };
}
