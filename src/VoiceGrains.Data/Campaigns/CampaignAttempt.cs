namespace VoiceGrains.Data.Campaigns;

/// <summary>
/// One dial of one contact, recorded before the carrier is asked. <see cref="Key"/> (campaign.contact.attempt) goes
/// with the call to the carrier and comes back on its webhooks; <see cref="CallSid"/> is null until the carrier's
/// answer (or its first webhook) is recorded.
/// </summary>
public sealed record CampaignAttempt(
    string Key, long ContactId, int Attempt, string Phone, long? CustomerId, string? CallSid, DateTimeOffset DialledAt, string? Purpose = null)
{
    public static string KeyOf(long campaignId, long contactId, int attempt) => $"{campaignId}.{contactId}.{attempt}";

    /// <summary>The campaign a key (as it came back on a webhook) belongs to; null for anything that is not a key.</summary>
    public static long? CampaignOf(string? key)
    {
        var parts = key?.Split('.');
        return parts is { Length: 3 } && parts.All(p => p.Length is > 0 and <= 18 && p.All(char.IsAsciiDigit)) ? long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
