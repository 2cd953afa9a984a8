using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using VoiceGrains.Contracts.Customers;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Offline;
using VoiceGrains.Data.Appointments;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Calls;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Customers;
using VoiceGrains.Data.Knowledge;
using VoiceGrains.Data.Leads;
using VoiceGrains.Data.Messaging;
using VoiceGrains.Data.Orders;
using VoiceGrains.Data.Payments;
using VoiceGrains.Data.Products;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Conversation;

/// <summary>
/// Builds one agent per call: a kernel with the six plugins bound to the call's <see cref="CallerSession"/> (and a
/// seventh, the survey, when the call asks one), the function-call log as its filter, and Claude or the offline
/// engine as its chat client.
/// </summary>
public sealed partial class ConversationAgentFactory(
    IOptions<AgentOptions> agentOptions,
    IOptions<AnthropicOptions> anthropicOptions,
    BusinessRepository business,
    CustomerRepository customers,
    OrderRepository orders,
    ExchangeRepository exchanges,
    ProductRepository products,
    PaymentMethodRepository paymentMethods,
    AppointmentRepository appointments,
    CallRepository calls,
    DoNotCallRepository doNotCall,
    SurveyRepository surveys,
    LeadRepository leads,
    TextMessageRepository texts,
    FunctionCallRepository functionCalls,
    IKnowledgeSearch knowledge,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IDisposable
{
    readonly AgentOptions settings = agentOptions.Value;
    readonly ILogger logger = loggerFactory.CreateLogger<ConversationAgentFactory>();
    readonly Lazy<IAnthropicClient>? anthropic = anthropicOptions.Value.UsesClaude
        ? new(() => ClaudeChatClient.CreateAnthropicClient(anthropicOptions.Value))
        : null;

    /// <summary>Which engine answers (Claude and its model, or the offline engine), without the key.</summary>
    public string Engine => anthropicOptions.Value.Engine;

    public async Task<ConversationAgent> CreateAsync(CallerSession session, CustomerContext? customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var calendar = await business.GetCalendarAsync(cancellationToken) ?? throw new BusinessNotSetUpException();

        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggerFactory);
        var kernel = builder.Build();
        kernel.Plugins.AddFromObject(new CustomerPlugin(session, customers, paymentMethods, texts, calendar, time), AgentFunctions.Customer);
        kernel.Plugins.AddFromObject(new OrdersPlugin(session, orders, exchanges, calendar), AgentFunctions.Orders);
        kernel.Plugins.AddFromObject(new AppointmentsPlugin(
            session, appointments, new AppointmentTexts(texts, calendar.Name, settings.TextConfirmations), leads, settings.DemoService, calendar, time), AgentFunctions.Appointments);
        kernel.Plugins.AddFromObject(new HoursPlugin(calendar, time), AgentFunctions.Hours);
        kernel.Plugins.AddFromObject(new KnowledgePlugin(knowledge), AgentFunctions.Knowledge);
        kernel.Plugins.AddFromObject(new ProductsPlugin(products), AgentFunctions.Products);
        kernel.Plugins.AddFromObject(new CallPlugin(session, calls, doNotCall, leads), AgentFunctions.CallControl);
        var survey = await SurveyOfAsync(session, cancellationToken);
        if (survey is not null)
        {
            kernel.Plugins.AddFromObject(
                new SurveyPlugin(session, survey, customer?.Profile.Id, settings.DemoService, surveys, leads, customers), AgentFunctions.Survey);
        }
        kernel.FunctionInvocationFilters.Add(new FunctionCallLog(session, functionCalls, time, loggerFactory.CreateLogger<FunctionCallLog>()));

        var engine = anthropic is null ? new OfflineChatClient(calendar, time, survey is null ? null : new SurveyPlan(survey.Questions.Count, survey.Kind == SurveyKind.Qualification, session.Purpose is not null)) : ClaudeChatClient.Create(anthropic.Value, anthropicOptions.Value);
        var chatClient = new ChatClientBuilder(engine).UseKernelFunctionInvocation(loggerFactory).Build();
        if (chatClient.GetService<FunctionInvokingChatClient>() is { } invoker)
        {
            invoker.MaximumIterationsPerRequest = settings.MaxFunctionRounds;
        }

        var prompt = SystemPrompt.For(settings, calendar, time.GetUtcNow(), session, customer, survey);
        return new ConversationAgent(
            kernel, chatClient, anthropic is null ? null : engine, session, calendar, prompt, settings, Engine, time, loggerFactory.CreateLogger<ConversationAgent>());
    }

    /// <summary>
    /// The question set the call asks: the one its campaign gave it, else (an inbound call) the one configured for the
    /// end of calls. A configured name no survey has asks nothing and is logged.
    /// </summary>
    async Task<Survey?> SurveyOfAsync(CallerSession session, CancellationToken cancellationToken)
    {
        if (session.SurveyId is { } id)
        {
            return await surveys.GetAsync(id, cancellationToken);
        }
        if (session.Purpose is not null || string.IsNullOrWhiteSpace(settings.SurveyAfterCalls))
        {
            return null;
        }
        var found = await surveys.FindByNameAsync(settings.SurveyAfterCalls, cancellationToken);
        if (found is null)
        {
            LogNoSuchSurvey(logger, settings.SurveyAfterCalls);
        }
        return found;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent:SurveyAfterCalls names the survey '{Name}', which does not exist; no survey is offered")]
    static partial void LogNoSuchSurvey(ILogger logger, string name);

    public void Dispose()
    {
        if (anthropic is { IsValueCreated: true } created && created.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
