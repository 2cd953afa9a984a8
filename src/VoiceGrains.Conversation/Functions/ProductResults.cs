using VoiceGrains.Data.Products;

namespace VoiceGrains.Conversation.Functions;

/// <summary>The cheapest variant of what the caller asked for that can be ordered now, and how many can be.</summary>
public sealed record CheapestProductFound(string Asked, CatalogueEntry Cheapest, int AvailableVariants);
