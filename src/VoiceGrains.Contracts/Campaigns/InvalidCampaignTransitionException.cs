namespace VoiceGrains.Contracts.Campaigns;

/// <summary>A request the campaign's status does not allow, such as resuming a cancelled campaign; the message says why.</summary>
[GenerateSerializer, Alias("VoiceGrains.InvalidCampaignTransitionException")]
public sealed class InvalidCampaignTransitionException(string message) : InvalidOperationException(message);
