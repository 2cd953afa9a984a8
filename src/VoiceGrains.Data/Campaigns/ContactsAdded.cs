namespace VoiceGrains.Data.Campaigns;

/// <summary>What adding contacts did: how many were new to the campaign, and how many it had already (skipped).</summary>
public sealed record ContactsAdded(int Added, int Skipped);
