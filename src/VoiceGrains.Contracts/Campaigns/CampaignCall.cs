namespace VoiceGrains.Contracts.Campaigns;

/// <summary>What the carrier's webhook needs to know of a call a campaign placed: what to say if a machine answers (null: hang up).</summary>
[GenerateSerializer, Alias("VoiceGrains.CampaignCall")]
public sealed record CampaignCall([property: Id(0)] string? MachineMessage);
