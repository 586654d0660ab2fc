using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using WelfareFlow.Http;

namespace WelfareFlow.Functions.Http;

/// <summary>Results and special awards (DESIGN §5), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public static class ResultFunctions
{
    [Function(nameof(AddSpecialAward))]
    public static Task<IResult> AddSpecialAward(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/special-awards")] HttpRequest req,
        string roundId) =>
        ResultEndpoints.AddSpecialAward(req.HttpContext, roundId);

    [Function(nameof(GetResults))]
    public static Task<IResult> GetResults(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/results")] HttpRequest req,
        string roundId) =>
        ResultEndpoints.Get(req.HttpContext, roundId);
}
