namespace VoiceGrains.Grains.Customers;

/// <summary>No customers row has this id; customer grains exist only for real customers.</summary>
[GenerateSerializer, Alias("VoiceGrains.CustomerNotFoundException")]
public sealed class CustomerNotFoundException(long customerId) : Exception($"No customer has id {customerId}.");
