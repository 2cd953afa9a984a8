using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Customers;

namespace VoiceGrains.Console.Tests;

/// <summary>
/// The console in Debian's Chromium, headless, driven by Playwright: what an operator sees. Each test keeps a
/// screenshot in artifacts/screenshots.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleInTheBrowserTests(ConsoleFixture console) : IAsyncLifetime
{
    ConsoleBrowser browser = null!;

    public async Task InitializeAsync() => browser = await ConsoleBrowser.LaunchAsync(console.Address);

    [Fact]
    public async Task AnAnonymousVisitorIsSentToSignInFromEveryRoutedPage()
    {
        var page = await NewPageAsync();
        var pages = RoutedPagesNeedingSignIn().ToList();
        Assert.Contains("/analytics", pages);

        foreach (var path in pages)
        {
            await page.GotoAsync(new Uri(console.Address, path).ToString());
            Assert.True("/signin" == new Uri(page.Url).AbsolutePath, $"{path} showed {page.Url}");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sign-in");
    }

    /// <summary>Every @page of the console but the anonymous ones, its parameters filled with values that parse.</summary>
    static IEnumerable<string> RoutedPagesNeedingSignIn() =>
        from type in typeof(Components.App).Assembly.GetTypes()
        where !type.IsDefined(typeof(Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute), inherit: true)
        from route in type.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), inherit: false)
            .Cast<Microsoft.AspNetCore.Components.RouteAttribute>()
        select System.Text.RegularExpressions.Regex.Replace(
            route.Template, "{[^}]+}", parameter => parameter.Value.Contains(":long", StringComparison.Ordinal) ? "1" : $"CA{Guid.NewGuid():N}");

    [Fact]
    public async Task ASupervisorSignsInFindsACallAndReadsItsTranscriptAndFunctionCalls()
    {
        var sid = await AnsweredCallAsync();
        var page = await SignInAsync(console.Supervisor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Calls", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator($"a[href='/calls/{sid}']")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "calls");

        await page.Locator($"a[href='/calls/{sid}']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Call {sid}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Thanks for calling Northwind Home Goods.").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Are you open right now?")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "hours_is_open_now" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "call-detail");
    }

    [Fact]
    public async Task ANewCallAppearsOnTheLivePageAsItHappensAndGoesWhenItEnds()
    {
        var page = await SignInAsync(console.Viewer);
        var grains = console.Factory.Services.GetRequiredService<IGrainFactory>();
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var call = grains.GetGrain<ICallGrain>(sid);
        var row = page.Locator($"tr[data-call='{sid}']");

        // No reload anywhere below: each change reaches the open page from the cluster.
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100012", "+15550100000"));
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("ringing");
        await call.GreetAsync();
        await Assertions.Expect(row.Locator(".last")).ToContainTextAsync("Thanks for calling Northwind Home Goods.");
        await grains.GetGrain<ICallHearingGrain>(sid).HearAsync(new NewTurn(Speaker.Caller, "Where is my order?", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await Assertions.Expect(row.Locator(".last")).Not.ToContainTextAsync("Thanks for calling");
        await ScreenshotAsync(page, "live");
        await call.EndAsync(CallOutcome.Completed);
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheAnalyticsPageChartsTheHistoryAndOffersSupervisorsTheExport()
    {
        var page = await SignInAsync(console.Supervisor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Analytics", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Analytics" })).ToBeVisibleAsync();
        // plotly.js draws each chart as an SVG once its data arrives.
        await Assertions.Expect(page.Locator(".chart .main-svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".chart:has(.main-svg)")).ToHaveCountAsync(7);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "analytics");

        var viewer = await SignInAsync(console.Viewer);
        await viewer.GotoAsync(new Uri(console.Address, "/analytics").ToString());
        await Assertions.Expect(viewer.Locator(".chart .main-svg").First).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ASupervisorFindsACustomerAndMarksTheirCallbackRequestDoneWhichAViewerCannot()
    {
        var grains = console.Factory.Services.GetRequiredService<IGrainFactory>();
        var customer = grains.GetGrain<ICustomerGrain>(7);
        var reason = $"Call back about the rug ({Guid.NewGuid():N})";
        var followUp = await customer.AddFollowUpAsync(reason, DateTimeOffset.UtcNow.AddDays(1), null);
        var viewer = await SignInAsync(console.Viewer);
        await viewer.GotoAsync(new Uri(console.Address, "/customers/7").ToString());
        await Assertions.Expect(viewer.GetByText(reason)).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Locator($"li[data-follow-up='{followUp.Id}'] button")).ToHaveCountAsync(0);

        var page = await SignInAsync(console.Supervisor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await page.FillAsync("input[type=search]", await CustomerNameAsync(7));
        await page.ClickAsync("form.filters button[type=submit]");
        await page.GetByRole(AriaRole.Link, new() { Name = await CustomerNameAsync(7) }).ClickAsync();
        await Assertions.Expect(page.GetByText(reason)).ToBeVisibleAsync();
        await ScreenshotAsync(page, "customer");
        await page.Locator($"li[data-follow-up='{followUp.Id}'] button").ClickAsync();

        await Assertions.Expect(page.GetByText(reason)).ToHaveCountAsync(0);
        Assert.DoesNotContain((await customer.GetContextAsync()).OpenFollowUps, f => f.Id == followUp.Id);
    }

    [Fact]
    public async Task ASupervisorSeesACampaignsProgressAndCancelsItWhileAViewerOnlyReadsIt()
    {
        var repository = console.Factory.Services.GetRequiredService<VoiceGrains.Data.Campaigns.CampaignRepository>();
        var name = $"Spring reminders {Guid.NewGuid():N}"[..24];
        var campaign = (await repository.CreateAsync(new VoiceGrains.Data.Campaigns.CampaignDefinition(name,
            VoiceGrains.Data.Campaigns.CampaignKind.Reminder, "your appointment next week", new VoiceGrains.Data.Campaigns.CampaignRules()), CancellationToken.None))!;
        await repository.AddContactsAsync(campaign.Id, [new("+15550190001", "Ada"), new("+15550190002", "Ben")], CancellationToken.None);
        var row = $"tr[data-campaign='{name}']";

        var viewer = await SignInAsync(console.Viewer);
        await viewer.GotoAsync(new Uri(console.Address, "/campaigns").ToString());
        await Assertions.Expect(viewer.Locator(row)).ToContainTextAsync("your appointment next week");
        await Assertions.Expect(viewer.Locator($"{row} button")).ToHaveCountAsync(0);

        var page = await SignInAsync(console.Supervisor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Campaigns", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator($"{row} td.status")).ToHaveTextAsync("draft");
        // This console's silo has no Twilio account: the campaign is refused a start, saying why, and stays a draft.
        await page.Locator(row).GetByRole(AriaRole.Button, new() { Name = "start" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Outbound calls need");
        await Assertions.Expect(page.Locator($"{row} td.status")).ToHaveTextAsync("draft");
        await ScreenshotAsync(page, "campaigns");
        await page.Locator(row).GetByRole(AriaRole.Button, new() { Name = "cancel" }).ClickAsync();

        await Assertions.Expect(page.Locator($"{row} td.status")).ToHaveTextAsync("cancelled");
        Assert.Equal(VoiceGrains.Contracts.Campaigns.CampaignStatus.Cancelled, (await repository.GetAsync(campaign.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ASurveysReportAndTheLeadsAreShownAndOnlyASupervisorGetsTheExport()
    {
        var surveys = console.Factory.Services.GetRequiredService<VoiceGrains.Data.Surveys.SurveyRepository>();
        var name = $"Visit survey {Guid.NewGuid():N}"[..22];
        var survey = (await surveys.CreateAsync(new VoiceGrains.Data.Surveys.SurveyDefinition(name, VoiceGrains.Data.Surveys.SurveyKind.Survey,
        [
            new(1, VoiceGrains.Data.Surveys.QuestionKind.Nps, "Would you recommend us?", [], new Dictionary<string, int>()),
            new(2, VoiceGrains.Data.Surveys.QuestionKind.Open, "What could we do better?", [], new Dictionary<string, int>()),
        ]), CancellationToken.None))!;
        foreach (var (score, said, i) in new[] { (10, "Lovely staff, great service.", 0), (9, "Nothing, all good.", 1), (4, "The parking is terrible.", 2) })
        {
            var response = await surveys.BeginResponseAsync(survey.Id, $"CAbrowser{survey.Id}x{i}", "+1555019100" + i, null, CancellationToken.None);
            await surveys.SaveAnswerAsync(response, new(1, $"{score}", score), CancellationToken.None);
            await surveys.SaveAnswerAsync(response, new(2, said, null, score > 5 ? 0.6f : -0.6f), CancellationToken.None);
            await surveys.FinishResponseAsync(response, declined: false, CancellationToken.None);
        }
        var leads = console.Factory.Services.GetRequiredService<VoiceGrains.Data.Leads.LeadRepository>();
        var first = await surveys.BeginResponseAsync(survey.Id, $"CAbrowser{survey.Id}lead", "+15550191010", null, CancellationToken.None);
        await leads.SaveQualificationAsync("+15550191010", null, first, 95, VoiceGrains.Data.Surveys.LeadGrade.Hot, CancellationToken.None);
        await leads.RecordNextStepAsync("+15550191010", VoiceGrains.Data.Leads.LeadNextStep.TransferredToSales, null, CancellationToken.None);

        var viewer = await SignInAsync(console.Viewer);
        await viewer.GotoAsync(new Uri(console.Address, "/surveys").ToString());
        await viewer.Locator($"tr[data-survey='{name}'] a").ClickAsync();
        await Assertions.Expect(viewer.Locator("[data-question='1'] .figure")).ToHaveTextAsync("Average 7.67 · NPS 33");
        await Assertions.Expect(viewer.Locator("[data-question='2']")).ToContainTextAsync("The parking is terrible.");
        await Assertions.Expect(viewer.Locator("[data-question='2'] .figure")).ToHaveTextAsync("Sentiment: 2 positive · 0 neutral · 1 negative");
        await Assertions.Expect(viewer.Locator("tr[data-lead='+15550191010']")).ToContainTextAsync("transferred to sales");
        await Assertions.Expect(viewer.Locator("a.export")).ToHaveCountAsync(0);

        var page = await SignInAsync(console.Supervisor);
        await page.GetByRole(AriaRole.Link, new() { Name = "Surveys", Exact = true }).ClickAsync();
        await page.Locator($"tr[data-survey='{name}'] a").ClickAsync();
        await Assertions.Expect(page.Locator("a.export")).ToHaveAttributeAsync("href", $"/api/surveys/{survey.Id}/responses.csv");
        await ScreenshotAsync(page, "surveys");
    }

    async Task<string> CustomerNameAsync(long id) =>
        (await console.Factory.Services.GetRequiredService<VoiceGrains.Data.Customers.CustomerRepository>().GetProfileAsync(id, CancellationToken.None))!.Name!;

    [Fact]
    public async Task ASupervisorListensInToACallInProgressFromItsPage()
    {
        var grains = console.Factory.Services.GetRequiredService<IGrainFactory>();
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var call = grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100012", "+15550100000"));
        var page = await SignInAsync(console.Supervisor);
        await page.GotoAsync(new Uri(console.Address, $"/calls/{sid}").ToString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Listen in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#listening")).ToHaveTextAsync("Connecting…");
        await call.GreetAsync();

        // The greeting's audio reaches the page and is played (the status counts what was heard).
        await Assertions.Expect(page.Locator("#listening")).ToContainTextAsync("Listening:");
        await ScreenshotAsync(page, "listen-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop listening" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Listen in" })).ToBeVisibleAsync();
        await call.EndAsync(CallOutcome.Completed);
    }

    [Fact]
    public async Task AViewerSeesNeitherListenInNorTakeOver()
    {
        var grains = console.Factory.Services.GetRequiredService<IGrainFactory>();
        var sid = "CA" + Guid.NewGuid().ToString("N");
        await grains.GetGrain<ICallGrain>(sid).StartAsync(new CallStart(CallDirection.Inbound, "+15550100012", "+15550100000"));
        var page = await SignInAsync(console.Viewer);

        await page.GotoAsync(new Uri(console.Address, $"/calls/{sid}").ToString());

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Call {sid}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Listen in" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take over (move to a person)" })).ToHaveCountAsync(0);
        await grains.GetGrain<ICallGrain>(sid).EndAsync(CallOutcome.Completed);
    }

    [Fact]
    public async Task AnAdminAddsAnOperatorWhoSignsInWithTheGivenPasswordAndASupervisorCannotManageOperators()
    {
        var page = await SignInAsync(console.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Operators", Exact = true }).ClickAsync();
        var email = $"new-{Guid.NewGuid():N}@example.com";
        await page.FillAsync("input[type=email]", email);
        await page.SelectOptionAsync("form.filters select", "supervisor");
        await page.ClickAsync("form.filters button[type=submit]");
        var added = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(added).ToContainTextAsync($"Added {email} as supervisor.");
        await ScreenshotAsync(page, "operators");
        var password = (await added.TextContentAsync())!.Split("(shown once): ")[1].Trim();

        var newcomer = await SignInAsync(new TestOperator(email, password, ""));
        await Assertions.Expect(newcomer.GetByRole(AriaRole.Link, new() { Name = "Operators", Exact = true })).ToHaveCountAsync(0);
        await newcomer.GotoAsync(new Uri(console.Address, "/operators").ToString());
        Assert.Equal("/denied", new Uri(newcomer.Url).AbsolutePath);
    }

    [Fact]
    public async Task AWrongPasswordIsSaidWithoutSayingWhetherTheOperatorExists()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(console.Address, "/signin").ToString());

        await page.FillAsync("#email", "nobody@example.com");
        await page.FillAsync("#password", "not a password anyone has");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong email or password.");
        await ScreenshotAsync(page, "wrong-password");
    }

    async Task<string> AnsweredCallAsync()
    {
        var grains = console.Factory.Services.GetRequiredService<IGrainFactory>();
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var call = grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100012", "+15550100000"));
        await call.GreetAsync();
        await grains.GetGrain<ICallHearingGrain>(sid).HearAsync(new NewTurn(Speaker.Caller, "Are you open right now?", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        for (var i = 0; i < 100 && (await call.GetSnapshotAsync())!.Turns.Count < 3; i++)
        {
            await Task.Delay(100);
        }
        return sid;
    }

    public async Task DisposeAsync() => await browser.DisposeAsync();

    Task<IPage> SignInAsync(TestOperator op) => browser.SignInAsync(op);

    Task<IPage> NewPageAsync() => browser.NewPageAsync();

    static Task ScreenshotAsync(IPage page, string name) => ConsoleBrowser.ScreenshotAsync(page, name);
}
