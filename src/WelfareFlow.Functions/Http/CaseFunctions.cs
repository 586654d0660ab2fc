using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Http;

namespace WelfareFlow.Functions.Http;

/// <summary>District submissions and judges' scores (DESIGN §5), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public static class CaseFunctions
{
    [Function(nameof(PutCase))]
    public static Task<IResult> PutCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/cases/{districtId}")] HttpRequest req,
        string roundId,
        string districtId) =>
        CaseEndpoints.PutCase(req.HttpContext, roundId, districtId);

    [Function(nameof(PutScore))]
    public static Task<IResult> PutScore(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId,
        string districtId,
        string judgeId) =>
        CaseEndpoints.PutScore(req.HttpContext, client, roundId, districtId, judgeId);
}
