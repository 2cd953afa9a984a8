namespace VoiceGrains.Contracts.Campaigns;

/// <summary>
/// Where a campaign is: a draft takes contacts; running dials; paused and cancelled dial no more (calls already placed
/// go on); finished once every contact has a final state. Stored in lower case.
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.CampaignStatus")]
public enum CampaignStatus
{
    Draft,
    Running,
    Paused,
    Cancelled,
    Finished,
}
