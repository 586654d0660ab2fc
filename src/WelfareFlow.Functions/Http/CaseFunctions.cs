using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using WelfareFlow.Cases;
using WelfareFlow.Http;

namespace WelfareFlow.Functions.Http;

/// <summary>District submissions and judges' scores (DESIGN §5), routed to the handlers the Server maps in <see cref="ApiRoutes"/>.</summary>
public sealed class CaseFunctions(CaseSubmissions submissions, Scoring scoring)
{
    [Function(nameof(PutCase))]
    public async Task<IResult> PutCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/cases/{districtId}")] HttpRequest req,
        string roundId,
        string districtId) =>
        await CaseEndpoints.PutCase(req.HttpContext, submissions, roundId, districtId);

    [Function(nameof(PutScore))]
    public async Task<IResult> PutScore(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/cases/{districtId}/scores/{judgeId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string roundId,
        string districtId,
        string judgeId) =>
        await CaseEndpoints.PutScore(req.HttpContext, client, scoring, roundId, districtId, judgeId);
}
