using System.ComponentModel;
using Microsoft.SemanticKernel;
using VoiceGrains.Data.Products;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// The catalogue: public facts about what the business sells, for any caller, identified or not. Prices are compared
/// here, in code, so neither engine picks "the cheapest" by reading a list.
/// </summary>
public sealed class ProductsPlugin(ProductRepository products)
{
    [KernelFunction(AgentFunctions.FindCheapest)]
    [Description("Finds the cheapest variant of a product that can be ordered now, with its options and price, and how many variants are available. Use it for \"what's the cheapest mechanical keyboard you have?\".")]
    public async Task<object> FindCheapestAsync([Description("The product, as the caller named it")] string product, CancellationToken cancellationToken)
    {
        var found = await products.FindAsync(product ?? "", cancellationToken);
        if (found.Count == 0)
        {
            return new Refusal($"I couldn't find {product} in our catalogue.", "Tell the caller we don't sell that, or ask what they mean.");
        }
        var available = found.Where(f => f.Available).ToList();
        return available.Count == 0
            ? new Refusal($"Every {product} is sold out right now.", "Offer to look at something else.")
            : new CheapestProductFound(product!, available[0], available.Count);
    }
}
