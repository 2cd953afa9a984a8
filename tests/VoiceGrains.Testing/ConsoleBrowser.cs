using Microsoft.Playwright;

namespace VoiceGrains.Testing;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright for .NET (which never downloads a browser: it is pointed at
/// /usr/bin/chromium), looking at one console. Screenshots go to artifacts/screenshots, named by the test.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    readonly IPlaywright playwright;
    readonly IBrowser browser;
    readonly Uri console;

    ConsoleBrowser(IPlaywright playwright, IBrowser browser, Uri console) => (this.playwright, this.browser, this.console) = (playwright, browser, console);

    /// <summary>Launches Chromium for this console; <paramref name="arguments"/> add to its command line (e.g. a fake microphone).</summary>
    public static async Task<ConsoleBrowser> LaunchAsync(Uri console, params string[] arguments)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--autoplay-policy=no-user-gesture-required", .. arguments],
        });
        return new ConsoleBrowser(playwright, browser, console);
    }

    /// <summary>The console's address for a path, e.g. "/calls".</summary>
    public string Url(string path) => new Uri(console, path).ToString();

    /// <summary>A page of its own (its own cookies), not signed in.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as <paramref name="op"/> with the sign-in form, on the live page it lands on.</summary>
    public async Task<IPage> SignInAsync(TestOperator op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var page = await NewPageAsync();
        await page.GotoAsync(Url("/"));
        await page.FillAsync("#email", op.Email);
        await page.FillAsync("#password", op.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live calls" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Keeps the whole page as artifacts/screenshots/NAME.png, once Fluent UI has styled it.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Fluent UI's web components are defined by its script once Blazor starts: a page without them is unstyled.
        await page.WaitForFunctionAsync("() => customElements.get('fluent-button') !== undefined");
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
