namespace VoiceGrains.Contracts.Campaigns;

/// <summary>
/// One outbound campaign, keyed by its id in the campaigns table: the single activation that dials its contacts, woken
/// by an Orleans reminder so that it goes on after a silo or the whole cluster restarts. Its rules and contacts are
/// created through the operators' API; from then on only this grain writes them.
/// </summary>
[Alias("VoiceGrains.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithIntegerKey
{
    /// <summary>A draft starts dialling. Throws <see cref="InvalidCampaignTransitionException"/> from any other status.</summary>
    [Alias("Start")]
    Task<CampaignStatus> StartAsync();

    /// <summary>A running campaign stops placing calls (the live ones go on). Pausing a paused one changes nothing.</summary>
    [Alias("Pause")]
    Task<CampaignStatus> PauseAsync();

    /// <summary>A paused campaign dials again. Resuming a running one changes nothing.</summary>
    [Alias("Resume")]
    Task<CampaignStatus> ResumeAsync();

    /// <summary>The campaign places no more calls, for good; the contacts not yet reached stay pending in its report.</summary>
    [Alias("Cancel")]
    Task<CampaignStatus> CancelAsync();

    /// <summary>
    /// The carrier's webhook came for a call placed under <paramref name="attemptKey"/> (it travels in the webhook's
    /// address): the attempt is tied to <paramref name="callSid"/> if it was not yet (its dial's answer was lost) and the
    /// call is started with the campaign's purpose. Null when the key is not an open attempt of this campaign, or is
    /// tied to another call.
    /// </summary>
    [Alias("ClaimCall")]
    Task<CampaignCall?> ClaimCallAsync(string attemptKey, string callSid);
}
