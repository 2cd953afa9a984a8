namespace VoiceGrains.Data.Leads;

/// <summary>What a qualified lead agreed to on the call; stored in snake case.</summary>
public enum LeadNextStep
{
    DemoBooked,
    TransferredToSales,
}
