import { useRouter } from '@tarojs/taro'
import { useDesktopTextSize } from '../../../../components/use-wide'
import { StudioEditScreen } from '../../../../features/studio'

export default function StudioEditPage() {
  useDesktopTextSize()
  const { params } = useRouter()
  return <StudioEditScreen id={params.id ?? ''} />
}
