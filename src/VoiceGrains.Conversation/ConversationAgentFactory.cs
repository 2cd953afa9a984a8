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
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation;

/// <summary>
/// Builds one agent per call: a kernel with the six plugins bound to the call's <see cref="CallerSession"/>, the
/// function-call log as its filter, and Claude or the offline engine as its chat client.
/// </summary>
public sealed class ConversationAgentFactory(
    IOptions<AgentOptions> agentOptions,
    IOptions<AnthropicOptions> anthropicOptions,
    BusinessRepository business,
    CustomerRepository customers,
    OrderRepository orders,
    AppointmentRepository appointments,
    CallRepository calls,
    DoNotCallRepository doNotCall,
    FunctionCallRepository functionCalls,
    IKnowledgeSearch knowledge,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IDisposable
{
    readonly AgentOptions settings = agentOptions.Value;
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
        kernel.Plugins.AddFromObject(new CustomerPlugin(session, customers, calendar, time), AgentFunctions.Customer);
        kernel.Plugins.AddFromObject(new OrdersPlugin(session, orders, calendar), AgentFunctions.Orders);
        kernel.Plugins.AddFromObject(new AppointmentsPlugin(session, appointments, calendar, time), AgentFunctions.Appointments);
        kernel.Plugins.AddFromObject(new HoursPlugin(calendar, time), AgentFunctions.Hours);
        kernel.Plugins.AddFromObject(new KnowledgePlugin(knowledge), AgentFunctions.Knowledge);
        kernel.Plugins.AddFromObject(new CallPlugin(session, calls, doNotCall), AgentFunctions.CallControl);
        kernel.FunctionInvocationFilters.Add(new FunctionCallLog(session, functionCalls, time, loggerFactory.CreateLogger<FunctionCallLog>()));

        var engine = anthropic is null ? new OfflineChatClient(calendar, time) : ClaudeChatClient.Create(anthropic.Value, anthropicOptions.Value);
        var chatClient = new ChatClientBuilder(engine).UseKernelFunctionInvocation(loggerFactory).Build();
        if (chatClient.GetService<FunctionInvokingChatClient>() is { } invoker)
        {
            invoker.MaximumIterationsPerRequest = settings.MaxFunctionRounds;
        }

        var prompt = SystemPrompt.For(settings, calendar, time.GetUtcNow(), session.CallingNumber, customer);
        return new ConversationAgent(
            kernel, chatClient, anthropic is null ? null : engine, session, calendar, prompt, settings, Engine, time, loggerFactory.CreateLogger<ConversationAgent>());
    }

    public void Dispose()
    {
        if (anthropic is { IsValueCreated: true } created && created.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
