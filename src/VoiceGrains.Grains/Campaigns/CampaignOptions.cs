namespace VoiceGrains.Grains.Campaigns;

/// <summary>How campaigns look after the calls they place (configuration section "Campaigns").</summary>
public sealed class CampaignOptions
{
    public const string Section = "Campaigns";

    /// <summary>
    /// A dial whose call is still unknown this long after it was recorded (neither the carrier's answer nor any of its
    /// webhooks named the call) is taken as never placed: it counts as a failed attempt and the contact is retried under
    /// the campaign's rules. Twilio posts the "initiated" status callback as soon as it creates a call, so a placed call
    /// is known within seconds; the grace only covers a request that never reached it.
    /// </summary>
    public TimeSpan UnconfirmedDialGrace { get; set; } = TimeSpan.FromMinutes(2);
}
