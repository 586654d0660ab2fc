using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Http;
using WelfareFlow.Workflow;

namespace WelfareFlow.Functions.Tests;

/// <summary>
/// Reads the functions.metadata the Worker SDK generated for the built Functions app (what the Functions host indexes)
/// and holds it against the HTTP contract, the Server's routes and the Server's durable registrations.
/// </summary>
public sealed class FunctionMetadataTests
{
    static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Metadata = new(ReadMetadata);

    /// <summary>DESIGN §5 and docs/operator-actions.md, one row per endpoint: function name, method, route.</summary>
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "CreateRound", "POST", "api/rounds" },
        { "GetRound", "GET", "api/rounds/{roundId}" },
        { "CloseSubmissions", "POST", "api/rounds/{roundId}/close-submissions" },
        { "PublishRound", "POST", "api/rounds/{roundId}/publish" },
        { "PutCase", "PUT", "api/rounds/{roundId}/cases/{districtId}" },
        { "PutScore", "PUT", "api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}" },
        { "AddSpecialAward", "POST", "api/rounds/{roundId}/special-awards" },
        { "GetResults", "GET", "api/rounds/{roundId}/results" },
        { "ReissueDistrictLink", "POST", "api/rounds/{roundId}/districts/{districtId}/reissue-link" },
        { "ReissueJudgeLink", "POST", "api/rounds/{roundId}/judges/{judgeId}/reissue-link" },
        { "ReplaceJudge", "POST", "api/rounds/{roundId}/judges/{judgeId}/replace" },
        { "ExtendDeadline", "POST", "api/rounds/{roundId}/extend-deadline" },
        { "ProceedCase", "POST", "api/rounds/{roundId}/cases/{districtId}/proceed" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void HttpFunction_EachEndpointOfTheContract_AnonymousTriggerWithMethodAndRoute(string name, string method, string route)
    {
        var bindings = Bindings(name);
        var trigger = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "In" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method.ToLowerInvariant()], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out" && b.GetProperty("name").GetString() == "$return");
    }

    /// <summary>
    /// Every route the Server maps has an HTTP function with the same method and route, and no function serves a
    /// route the Server does not. The Server's route mappings are read from its setup (this project does not build
    /// the Server) and invoked here from src/WelfareFlow, so a mapping added to the Server is followed automatically.
    /// </summary>
    [Fact]
    public void HttpFunctions_ComparedWithServerRoutes_SameMethodsAndRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddWelfareFlowCore(builder.Configuration);
        foreach (var registration in ServerSetupCalls(@"\bservices\.(Add\w+)\(\)"))
        {
            // Services the Server adds for its routes (e.g. OpenAPI for the ops pages) when they come from src/WelfareFlow.
            SharedExtension(registration, typeof(IServiceCollection))?.Invoke(null, [builder.Services]);
        }

        // Only so the route builder sees DurableTaskClient as a service, as in the Server; never resolved here.
        builder.Services.AddSingleton<DurableTaskClient>(_ => throw new NotSupportedException());
        var app = builder.Build();
        var mappings = ServerSetupCalls(@"\bapp\.(Map\w+)\(\)");
        Assert.Contains(nameof(ApiRoutes.MapWelfareFlowApi), mappings);
        foreach (var mapping in mappings)
        {
            var method = SharedExtension(mapping, typeof(WebApplication));
            Assert.True(method is not null, $"The Server calls app.{mapping}(), which is not a route mapping of src/WelfareFlow; give its routes functions and teach this test where they are.");
            method.Invoke(null, [app]);
        }

        var server = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m.ToUpperInvariant()} {Normalize(e.RoutePattern.RawText)}"))
            .Distinct()
            // Server-only by design (issue 5): the operators' dashboard and Scalar; on Azure operators use the API.
            .Where(r => !r.Contains(" /ops", StringComparison.Ordinal) && !r.Contains(" /scalar", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(server);

        var functions = Metadata.Value.Values.SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()!.ToUpperInvariant()} {Normalize(b.GetProperty("route").GetString())}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(server.SequenceEqual(functions),
            $"Served by the Server only: {string.Join(", ", server.Except(functions))}; by the Functions app only: {string.Join(", ", functions.Except(server))}.");

        static string Normalize(string? route) => "/" + (route ?? "").Trim('/');
    }

    /// <summary>The parameterless calls in the Server's setup matching the pattern (e.g. app.MapX()).</summary>
    static List<string> ServerSetupCalls(string pattern)
    {
        var setup = File.ReadAllText(RepositoryLayout.PathOf("src", "WelfareFlow.Server", "ServerSetup.cs"));
        return System.Text.RegularExpressions.Regex.Matches(setup, pattern).Select(m => m.Groups[1].Value).Distinct().ToList();
    }

    /// <summary>A one-argument extension method of src/WelfareFlow with that name applicable to the target type.</summary>
    static MethodInfo? SharedExtension(string name, Type target) =>
        typeof(ApiRoutes).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .SingleOrDefault(m => m.Name == name && m.GetParameters() is [{ ParameterType: var p }] && p.IsAssignableFrom(target));

    [Fact]
    public void HostJson_RoutePrefix_EmptyBecauseRoutesCarryApi()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.FunctionsOutput, "host.json")));
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void OrchestratorFunctions_EveryTaskOrchestratorOfTheApplication_OrchestrationTrigger()
    {
        var orchestrators = typeof(RoundOrchestrator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && IsTaskOrchestrator(t))
            .Select(t => t.Name)
            .ToList();
        Assert.Equal([nameof(CaseOrchestrator), nameof(RoundOrchestrator)], orchestrators.Order(StringComparer.Ordinal));

        foreach (var name in orchestrators)
        {
            Assert.Equal("orchestrationTrigger", TriggerType(name));
        }
    }

    [Fact]
    public void ActivityFunctions_EveryActivityTheServerRegisters_ActivityTrigger()
    {
        var activities = RegisteredActivities();
        Assert.Contains(nameof(WorkflowActivities.CloseIntake), activities);

        foreach (var name in activities)
        {
            Assert.True(Metadata.Value.ContainsKey(name), $"The Server registers activity '{name}' but the Functions app has no function of that name.");
            Assert.Equal("activityTrigger", TriggerType(name));
        }
    }

    [Fact]
    public void Metadata_FunctionsOtherThanHttp_ExactlyTheOrchestratorsAndActivities()
    {
        var expected = new[] { nameof(RoundOrchestrator), nameof(CaseOrchestrator) }
            .Concat(RegisteredActivities())
            .Order(StringComparer.Ordinal);

        var actual = Metadata.Value
            .Where(f => !f.Value.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.Key)
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// The activity names of the Server's worker, taken from the registry <see cref="WorkflowRegistration"/> fills,
    /// so an activity added there without a function here fails the tests. The registry keeps them internal.
    /// </summary>
    static List<string> RegisteredActivities()
    {
        var registry = new DurableTaskRegistry().AddWelfareFlowTasks();
        var property = typeof(DurableTaskRegistry).GetProperty("Activities", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException("DurableTaskRegistry no longer has an 'Activities' property; update this test to read its activity names.");
        var activities = (IEnumerable<KeyValuePair<TaskName, Func<IServiceProvider, ITaskActivity>>>)property.GetValue(registry)!;
        var names = activities.Select(a => a.Key.Name).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(names);
        return names;
    }

    static bool IsTaskOrchestrator(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>))
            {
                return true;
            }
        }

        return false;
    }

    static List<JsonElement> Bindings(string function)
    {
        Assert.True(Metadata.Value.TryGetValue(function, out var metadata), $"functions.metadata has no function '{function}'.");
        return [.. metadata.GetProperty("bindings").EnumerateArray()];
    }

    static string? TriggerType(string function) =>
        Assert.Single(Bindings(function), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).GetProperty("type").GetString();

    static IReadOnlyDictionary<string, JsonElement> ReadMetadata()
    {
        var path = Path.Combine(RepositoryLayout.FunctionsOutput, "functions.metadata");
        Assert.True(File.Exists(path), $"No {path}: build src/WelfareFlow.Functions in {RepositoryLayout.Configuration} first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    }
}
