/**
 * The recommending unit's screens in Chromium and the summary sheet they export: the
 * selectors, dialogs and file checks the end-to-end tests share.
 */
import ExcelJS from 'exceljs'
import fs from 'node:fs'
import path from 'node:path'
import type { Download, Page } from 'playwright-core'
import { ARTIFACTS } from './product'

/** A demand's row in the unit's inbox. */
export const inboxRow = (page: Page, id: string) => page.locator(`[data-testid="inbox-row"][data-demand-id="${id}"] >> visible=true`)

/** Presses the confirming button (by its label) in the platform's dialog (Taro.showModal on H5). */
export async function confirmDialog(page: Page, label: string) {
  const confirm = page.locator('.taro-model__confirm', { hasText: label })
  await confirm.waitFor()
  await confirm.click()
}

/** Saves a downloaded summary sheet to the artifacts as `fileName` and returns its rows' cell values (row 1 first). */
export async function openSummarySheet(download: Download, fileName: string): Promise<unknown[][]> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const file = path.join(ARTIFACTS, fileName)
  await download.saveAs(file)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const sheet = book.worksheets[0]
  return sheet.getSheetValues().slice(1).map((r) => ((r as unknown[] | undefined) ?? []).slice(1))
}
