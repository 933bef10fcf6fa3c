import chromium from '@sparticuz/chromium';

export default async function unpackChromiumOnce(): Promise<void> {
  if (!process.env.CHROMIUM_PATH) await chromium.executablePath();
}
