using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using WelfareFlow.Http;
using WelfareFlow.Storage;

namespace WelfareFlow.Functions.Http;

/// <summary>Results and special awards (DESIGN §5), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public sealed class ResultFunctions(RoundStore rounds, ResultStore results, AuditLog audit, TimeProvider time)
{
    [Function(nameof(AddSpecialAward))]
    public async Task<IResult> AddSpecialAward(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/special-awards")] HttpRequest req,
        string roundId) =>
        await ResultEndpoints.AddSpecialAward(req.HttpContext, rounds, results, audit, time, roundId);

    [Function(nameof(GetResults))]
    public async Task<IResult> GetResults(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/results")] HttpRequest req,
        string roundId) =>
        await ResultEndpoints.Get(req.HttpContext, rounds, results, roundId);
}
