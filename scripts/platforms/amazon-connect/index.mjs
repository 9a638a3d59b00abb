// Pass-through for Amazon Connect's "Invoke AWS Lambda function" block (Node.js 20+ runtime, no dependencies).
// Forwards the contact-flow event as is to the connector set and returns its flat string map.
// Environment: CONNECTORS_URL  e.g. https://<app>.azurewebsites.net/api/channels/amazon-connect
//              CONNECTORS_KEY  the function key (store it encrypted; it is the only credential Connect's call carries)
export const handler = async (event) => {
  const response = await fetch(process.env.CONNECTORS_URL, {
    method: "POST",
    headers: { "content-type": "application/json", "x-functions-key": process.env.CONNECTORS_KEY },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(6500), // inside Connect's 8 s limit
  });
  const answer = await response.json();
  if (!response.ok) {
    // Connect takes the block's Error branch; the flow offers a warm transfer.
    throw new Error(`connectors answered ${response.status}: ${answer.type ?? "error"}`);
  }
  return answer;
};
