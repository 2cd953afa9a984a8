using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace VoiceGrains.Console.Components;

/// <summary>
/// The console's interactive pages render on the server once their circuit is up, without a prerendered first pass:
/// a prerendered form can be typed into before it is live and then be reset by the live render (the browser tests
/// caught a search lost that way), and every page's queries would run twice.
/// </summary>
public static class ConsoleRenderMode
{
    public static IComponentRenderMode Interactive { get; } = new InteractiveServerRenderMode(prerender: false);
}
